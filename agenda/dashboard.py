"""The agenda's panel on the back-office dashboard (declared in hooks.py):
event proposals from the public waiting for moderation, oldest first."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comunicacio import dashboard

from .proposals.models import EventProposal, ProposalState

LIMIT = 10


def may_moderate(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("agenda.change_eventproposal")


def pending_proposals(user, now) -> list:
    queryset = EventProposal.objects.filter(state=ProposalState.PENDING).order_by("created_at", "pk")
    return [
        dashboard.Row(
            title=proposal.title,
            url=dashboard.change_url(proposal),
            kind=str(EventProposal._meta.verbose_name).capitalize(),
            meta=_("De %(organiser)s, rebuda %(when)s; activitat el %(start)s")
            % {
                "organiser": proposal.organiser,
                "when": dashboard.relative_time(proposal.created_at, now),
                "start": dashboard.moment_text(proposal.start),
            },
            when=proposal.created_at,
        )
        for proposal in queryset[:LIMIT]
    ]


PANEL = dashboard.Panel(
    name="agenda.proposals",
    title=gettext_lazy("Propostes d'activitats per moderar"),
    rows=pending_proposals,
    order=65,
    visible=may_moderate,
    empty=gettext_lazy("Cap proposta pendent."),
)
