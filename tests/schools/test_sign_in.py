import re

from django.core import mail
from django.urls import reverse

from schools.models import User
from tests.factories import PASSWORD


def test_person_signs_in_with_an_emailed_code(client, teacher):
    client.post(reverse("account_request_login_code"), {"email": teacher.email})
    assert len(mail.outbox) == 1
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[0].body, re.M).group(1)
    client.post(reverse("account_confirm_login_code"), {"code": code})
    assert client.session["_auth_user_id"] == str(teacher.pk)


def test_a_wrong_code_does_not_sign_in(client, teacher):
    client.post(reverse("account_request_login_code"), {"email": teacher.email})
    client.post(reverse("account_confirm_login_code"), {"code": "WRONG1"})
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, teacher):
    client.post(reverse("account_reset_password"), {"email": teacher.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    client.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
                {"password1": "a-brand-new-passphrase", "password2": "a-brand-new-passphrase"})
    teacher.refresh_from_db()
    assert teacher.check_password("a-brand-new-passphrase")


def test_repeated_wrong_passwords_are_rate_limited(client, teacher):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": teacher.email, "password": "nope"})
    response = client.post(reverse("account_login"),
                           {"login": teacher.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_there_is_no_open_sign_up(client, db):
    response = client.post(reverse("account_signup"), {"email": "x@example.org",
                                                       "password1": "a-long-passphrase-1"})
    assert "Sign Up Closed" in response.content.decode()
    assert not User.objects.exists()


def test_sign_out(client_for, teacher):
    client = client_for(teacher)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get(reverse("account_login"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
