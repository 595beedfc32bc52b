"""The public event proposal form (no account needed)."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from comunicacio.public_forms import Refusal

from . import actions
from .forms import GUARD, ProposalForm

TEMPLATE = "agenda/proposals/form.html"


def _render(request, form, status=200, refusal=None):
    # Every rendering gets a fresh token: the clock starts again.
    GUARD.renew(form)
    response = render(request, TEMPLATE, {"form": form, "refusal": refusal}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def propose(request):
    if request.method != "POST":
        return _render(request, ProposalForm())
    form = ProposalForm(request.POST, request.FILES)
    try:
        GUARD.check(request, form)
    except Refusal as refusal:
        return _render(request, form, status=refusal.status, refusal=refusal.message)
    if not form.is_valid():
        return _render(request, form, status=400)
    actions.submit_proposal(form.proposal_values(), audiences=form.cleaned_data["audiences"])
    GUARD.accepted(request)
    return redirect("proposals:thanks")


@require_safe
def thanks(request):
    return render(request, "agenda/proposals/thanks.html")
