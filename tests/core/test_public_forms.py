"""The public-forms anti-abuse kit on a form of its own: no domain app.

A honeypot, a signed single-use time-to-submit token and a rate limit per
visitor address (behind TRUSTED_PROXY_COUNT), each refusing with a clear
message, per form."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django import forms
from django.contrib.auth.models import Group
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory

from comunicacio import public_forms
from comunicacio.public_forms import HONEYPOT, TOKEN, Guard, Refusal

NOW = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)


class FeedbackForm(public_forms.AntiAbuseFields, forms.Form):
    comment = forms.CharField()


GUARD = Guard(name="tests:feedback", min_seconds=5, max_age=3600, rate=(3, 600))


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def shown_token(guard, clock, wait=30) -> str:
    """The token of a freshly rendered form, ``wait`` seconds later."""
    form = FeedbackForm()
    guard.renew(form)
    clock.shift(timedelta(seconds=wait))
    return form.initial[TOKEN]


def submission(token="", honeypot="", remote="192.0.2.10", forwarded=None, prefix=None, **data):
    """A request and its bound form, as the view builds them."""
    key = (lambda name: f"{prefix}-{name}") if prefix else (lambda name: name)
    body = {key("comment"): "Bon servei", key(TOKEN): token, key(HONEYPOT): honeypot, **data}
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().post("/opinio/", body, **extra)
    return request, FeedbackForm(request.POST, prefix=prefix)


def refusal_of(guard, request, form) -> Refusal:
    with pytest.raises(Refusal) as raised:
        guard.check(request, form)
    return raised.value


# --- the fields ------------------------------------------------------------------------


def test_the_mixin_adds_the_honeypot_and_the_token_to_forms_and_model_forms():
    assert {HONEYPOT, TOKEN} <= set(FeedbackForm.base_fields)

    class GroupForm(public_forms.AntiAbuseFields, forms.ModelForm):
        class Meta:
            model = Group
            fields = ["name"]

    assert set(GroupForm.base_fields) == {HONEYPOT, TOKEN, "name"}
    form = GroupForm()
    assert not form.fields[HONEYPOT].required
    assert isinstance(form.fields[TOKEN].widget, forms.HiddenInput)


def test_the_template_renders_the_token_and_a_honeypot_people_never_see():
    form = FeedbackForm()
    GUARD.renew(form)
    html = Template('{% include "public_forms/_guard.html" %}').render(Context({"form": form}))
    assert re.search(r'<input type="hidden" name="token" value="[^"]+"', html)
    assert re.search(
        r'<div class="visually-hidden" aria-hidden="true"><label for="id_website">[^<]+</label>'
        r'<input type="text" name="website" tabindex="-1" autocomplete="off"',
        html,
    )


def test_renew_gives_a_bound_form_a_new_token_without_touching_the_request(clock):
    token = shown_token(GUARD, clock)
    request, form = submission(token)
    GUARD.renew(form)
    assert form.data[TOKEN] != token
    assert request.POST[TOKEN] == token
    assert isinstance(form.data, QueryDict)


# --- the token -------------------------------------------------------------------------


def test_a_form_filled_in_by_a_person_passes(clock):
    request, form = submission(shown_token(GUARD, clock))
    GUARD.check(request, form)  # no refusal
    assert form.is_valid()


def test_a_token_is_good_for_one_submission_only(clock):
    token = shown_token(GUARD, clock)
    GUARD.check(*submission(token))
    clock.shift(timedelta(minutes=30))
    refusal = refusal_of(GUARD, *submission(token, remote="203.0.113.9"))
    assert (refusal.status, refusal.message) == (400, str(public_forms.MESSAGES["used"]))


def test_forms_shown_at_the_same_instant_get_different_tokens(clock):
    first, second = shown_token(GUARD, clock, wait=0), shown_token(GUARD, clock)
    assert first != second
    GUARD.check(*submission(first))
    GUARD.check(*submission(second))


def test_a_form_sent_too_fast_is_refused(clock):
    refusal = refusal_of(GUARD, *submission(shown_token(GUARD, clock, wait=2)))
    assert "massa de pressa" in refusal.message


def test_a_form_shown_too_long_ago_is_refused(clock):
    refusal = refusal_of(GUARD, *submission(shown_token(GUARD, clock, wait=3601)))
    assert "El formulari ha caducat" in refusal.message


@pytest.mark.parametrize("token", ["", "inventat", "eyJ0IjoxfQ:1abc:forged"])
def test_a_missing_or_forged_token_is_refused(clock, token):
    assert "No hem pogut validar el formulari" in refusal_of(GUARD, *submission(token)).message


def test_each_form_signs_and_spends_its_own_tokens(clock):
    other = Guard(name="tests:other", min_seconds=5)
    token = shown_token(GUARD, clock)
    assert "No hem pogut validar" in refusal_of(other, *submission(token)).message
    # Same salt, different forms: a nonce spent on one is not spent on the other.
    twin = Guard(name="tests:twin", salt=GUARD._salt(), min_seconds=5)
    GUARD.check(*submission(token))
    twin.check(*submission(token))


def test_a_filled_honeypot_is_refused(clock):
    refusal = refusal_of(GUARD, *submission(shown_token(GUARD, clock), honeypot="http://spam.example"))
    assert "hi ha un camp que s'havia de deixar en blanc" in refusal.message


def test_a_prefixed_form_is_checked_on_its_own_fields(clock):
    token = shown_token(GUARD, clock)
    GUARD.check(*submission(token, prefix="opinio"))
    refusal = refusal_of(GUARD, *submission(shown_token(GUARD, clock), honeypot="x", prefix="opinio"))
    assert "deixar en blanc" in refusal.message


# --- the rate limit --------------------------------------------------------------------


def accept(guard, clock, **where):
    request, form = submission(shown_token(guard, clock), **where)
    guard.check(request, form)
    guard.accepted(request)


def test_an_address_may_send_so_many_per_window(clock):
    for _ in range(3):
        accept(GUARD, clock)
    refusal = refusal_of(GUARD, *submission(shown_token(GUARD, clock)))
    assert refusal.status == 429
    assert refusal.message == str(public_forms.MESSAGES["too_many"])
    accept(GUARD, clock, remote="198.51.100.7")  # another address is not affected
    clock.shift(timedelta(seconds=600))
    accept(GUARD, clock)  # and the window passes


def test_refused_spam_counts_against_the_address(clock):
    for _ in range(3):
        refusal_of(GUARD, *submission(shown_token(GUARD, clock), honeypot="spam"))
    assert refusal_of(GUARD, *submission(shown_token(GUARD, clock))).status == 429


def test_each_form_has_its_own_rate_limit(clock):
    other = Guard(name="tests:other", min_seconds=5, rate=(3, 600))
    for _ in range(3):
        accept(GUARD, clock)
    accept(other, clock)


def test_behind_a_trusted_proxy_the_visitor_is_the_forwarded_address(clock, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for _ in range(3):
        accept(GUARD, clock, remote=proxy, forwarded="203.0.113.5")
    assert (
        refusal_of(
            GUARD, *submission(shown_token(GUARD, clock), remote=proxy, forwarded="203.0.113.5")
        ).status
        == 429
    )
    # Another visitor through the same proxy may still send; a forged entry
    # to the left of the proxy's own proves nothing.
    accept(GUARD, clock, remote=proxy, forwarded="203.0.113.5, 203.0.113.6")


# --- per-form limits and words ----------------------------------------------------------


def test_limits_can_come_from_settings_read_when_used(clock, settings):
    guard = Guard(name="tests:settings", min_seconds=public_forms.setting("TESTS_FORM_MIN_SECONDS", 5))
    settings.TESTS_FORM_MIN_SECONDS = 60
    assert "massa de pressa" in refusal_of(guard, *submission(shown_token(guard, clock, wait=30))).message
    settings.TESTS_FORM_MIN_SECONDS = 10
    guard.check(*submission(shown_token(guard, clock, wait=30)))


def test_a_form_may_say_its_refusals_in_its_own_words(clock):
    guard = Guard(
        name="tests:words",
        rate=(1, 600),
        messages={"honeypot": "Camp ocult omplert.", "too_many": lambda: "Prou per avui."},
    )
    assert (
        refusal_of(guard, *submission(shown_token(guard, clock), honeypot="x")).message
        == "Camp ocult omplert."
    )
    assert refusal_of(guard, *submission(shown_token(guard, clock))).message == "Prou per avui."
