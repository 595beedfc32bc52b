"""The public event proposal form (no account needed)."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from comunicacio.client_address import client_address

from . import actions as proposals
from .forms import HONEYPOT, ProposalForm

TEMPLATE = "agenda/proposals/form.html"


def _render(request, form, status=200, refusal=None):
    # Every rendering gets a fresh timestamp: the clock starts again.
    if form.is_bound:
        form.data = form.data.copy()
        form.data["token"] = proposals.form_token()
    else:
        form.initial["token"] = proposals.form_token()
    response = render(request, TEMPLATE, {"form": form, "refusal": refusal}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def propose(request):
    if request.method != "POST":
        return _render(request, ProposalForm())
    form = ProposalForm(request.POST, request.FILES)
    address = client_address(request)
    try:
        proposals.check_rate(address)
        try:
            proposals.check_honeypot(request.POST.get(HONEYPOT, ""))
            proposals.check_token(request.POST.get("token", ""))
        except proposals.Refusal:
            proposals.count_submission(address)
            raise
    except proposals.Refusal as refusal:
        return _render(request, form, status=refusal.status, refusal=refusal.message)
    if not form.is_valid():
        return _render(request, form, status=400)
    proposals.submit_proposal(form.proposal_values(), audiences=form.cleaned_data["audiences"])
    proposals.count_submission(address)
    return redirect("proposals:thanks")


@require_safe
def thanks(request):
    return render(request, "agenda/proposals/thanks.html")
