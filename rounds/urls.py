from django.urls import path

from rounds.views import leading, taking_part

app_name = "rounds"

urlpatterns = [
    path("rounds/", taking_part.round_list, name="list"),
    path("rounds/new/", taking_part.round_create, name="create"),
    path("rounds/<int:pk>/", taking_part.round_detail, name="detail"),
    path("rounds/<int:pk>/items/", taking_part.item_add, name="item_add"),
    path("rounds/<int:pk>/items/<int:item_id>/take-back/", taking_part.item_take_back,
         name="item_take_back"),
    path("rounds/<int:pk>/print/", taking_part.round_print, name="print"),
    path("rounds/<int:pk>/sort/", leading.round_sort, name="sort"),
    path("rounds/<int:pk>/groups/", leading.group_add, name="group_add"),
    path("rounds/<int:pk>/groups/<int:group_id>/", leading.group_edit, name="group_edit"),
    path("rounds/<int:pk>/items/<int:item_id>/sort/", leading.item_sort, name="item_sort"),
    path("rounds/<int:pk>/close/", leading.round_close, name="close"),
    path("rounds/<int:pk>/publish/", leading.round_publish, name="publish"),
    path("rounds/<int:pk>/export.csv", leading.round_export, name="export"),
]
