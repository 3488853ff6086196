"""Sign-in that holds against guessing (issue 11, finding 7): lockout after repeated wrong
passwords, strong passwords, audited locks and unlocks."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from sozialraum.models import AuditEvent

LOGIN = reverse("login")


def attempt(client, password):
    return client.post(LOGIN, {"username": "fachkraft", "password": password})


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, caseworker, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert attempt(client, "falsch").status_code == 200
    locked = attempt(client, "falsch")
    assert locked.status_code == 429
    assert "Zu viele falsche Passwörter" in locked.content.decode()
    right = attempt(client, "geheim-123")
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    locks = AuditEvent.objects.filter(action="lock")
    assert locks.exists() and {(event.username, event.object_id) for event in locks} == {("fachkraft", caseworker.pk)}


def test_a_successful_login_resets_the_count(client, caseworker):
    for _ in range(4):
        attempt(client, "falsch")
    assert attempt(client, "geheim-123").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "falsch").status_code == 200


def test_an_administrator_lifts_the_lock_and_it_is_audited(client, caseworker, administrator):
    for _ in range(5):
        attempt(client, "falsch")
    lock = AccessAttempt.objects.get(username="fachkraft")
    client.force_login(administrator)
    response = client.post(reverse("admin:axes_accessattempt_delete", args=[lock.pk]), {"post": "yes"})
    assert response.status_code == 302 and not AccessAttempt.objects.exists()
    event = AuditEvent.objects.get(action="unlock")
    assert event.user_id == administrator.pk and event.details["locked_user"] == "fachkraft"
    client.logout()
    assert attempt(client, "geheim-123").status_code == 302


@pytest.mark.parametrize("weak", ["Sommer2026", "123456789012", "fachkraft123"])
def test_weak_passwords_are_refused(caseworker, weak):
    with pytest.raises(ValidationError):
        validate_password(weak, user=caseworker)


def test_a_long_unusual_password_is_accepted(caseworker):
    validate_password("Lindenblüte am Ruhrufer 7", user=caseworker)


def test_a_forgotten_password_is_reset_by_a_one_time_link(client, caseworker, mailoutbox):
    caseworker.email = "fachkraft@stadt.example"
    caseworker.save()
    assert "Passwort vergessen?" in client.get(LOGIN).content.decode()
    response = client.post(reverse("password_reset"), {"email": "fachkraft@stadt.example"})
    assert response.status_code == 302
    assert client.post(reverse("password_reset"), {"email": "niemand@stadt.example"}).status_code == 302
    assert len(mailoutbox) == 1  # the same answer for an unknown address, but no mail
    mail = mailoutbox[0]
    assert "neues Passwort" in mail.subject and "Fall" not in mail.body
    assert "\n    " not in mail.body  # plain text, not indented like HTML
    link = re.search(r"http://testserver(/passwort/neu/\S+)", mail.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Neues Passwort" in form_page.content.decode()
    new_password = "Lindenblüte am Ruhrufer 7"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    assert client.post(LOGIN, {"username": "fachkraft", "password": new_password}).status_code == 302
    client.logout()
    assert "nicht mehr gültig" in client.get(link, follow=True).content.decode()  # used once
