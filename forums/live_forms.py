"""Forms used during a live session."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models import Card, CardKind, Insight, Session
from lib.widgets import DateInput
from successes.models import Theme

CARD_LIMIT = 1000


class CardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of card"))
    text = forms.CharField(label=_("Your card"), max_length=CARD_LIMIT,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Write something on the card first.")})

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, CardKind(k).label) for k in kinds
                                       if k in CardKind.values]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
            self.fields["kind"].widget = forms.HiddenInput()

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write something on the card first."))
        return text


class CommitmentForm(forms.Form):
    what = forms.CharField(label=_("What will you try?"), max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    with_whom = forms.CharField(label=_("With which class or group?"), max_length=200,
                                required=False)
    due_on = forms.DateField(label=_("By when?"), widget=DateInput())
    insight = forms.ModelChoiceField(label=_("Which insight does it build on?"),
                                     queryset=Insight.objects.none(), required=False,
                                     empty_label=_("- the story as a whole -"))

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["insight"].queryset = Insight.objects.filter(session=session)
        self.fields["due_on"].widget.attrs["min"] = timezone.localdate().isoformat()


class InsightForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=Theme.objects.none(),
                                            required=False,
                                            widget=forms.CheckboxSelectMultiple)
    cards = forms.ModelMultipleChoiceField(queryset=Card.objects.none(), required=False,
                                           widget=forms.MultipleHiddenInput)

    class Meta:
        model = Insight
        fields = ["situation", "goal", "action", "because", "themes"]
        widgets = {name: forms.Textarea(attrs={"rows": 2})
                   for name in ("situation", "goal", "action", "because")}

    def __init__(self, *args, session: Session, card_id: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(
            district_id=session.cycle.forum.district_id, is_active=True)
        session_cards = Card.objects.filter(session=session)
        self.fields["cards"].queryset = session_cards
        card = session_cards.filter(pk=card_id).first() if (card_id or "").isdigit() else None
        if card is not None and not self.is_bound:
            self.initial.update(action=card.text, cards=[card.pk])
        if self.instance.pk is None and not self.is_bound and session.cycle.focus_theme_id:
            self.initial.setdefault("themes", [session.cycle.focus_theme_id])

    def clean(self):
        data = super().clean()
        data["cards"] = list(data.get("cards") or [])
        data["themes"] = list(data.get("themes") or [])
        return data


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(label=_("Keep this insight"), queryset=Insight.objects.none(),
                                  widget=forms.RadioSelect)
    others = forms.ModelMultipleChoiceField(label=_("Fold these into it"),
                                            queryset=Insight.objects.none(),
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = Insight.objects.filter(session=session)
        self.fields["others"].queryset = Insight.objects.filter(session=session)

    def clean(self):
        data = super().clean()
        keep, others = data.get("keep"), data.get("others")
        if keep and others is not None and keep in others:
            self.add_error("others", _("Do not fold an insight into itself."))
        return data
