"""Event proposals: entities and associations propose activities through a
public form (no account), and editors moderate them.

- ``models``: ``EventProposal`` (table ``agenda_eventproposal``, app label
  ``agenda``) and ``ProposalNotice`` (the proposer's decision email, sent
  once), re-exported by ``agenda.models``.
- ``forms`` and ``views``: the public form, guarded by the foundation's
  public-forms kit (``comunicacio.public_forms``).
- ``actions``: storing a proposal, approving it (a draft event submitted to
  review, never published) and rejecting it.
- ``venues``: which known venue a proposal's free-text place means.
- ``notices``: telling the proposer the decision, exactly once (an outbox).
- ``admin``: the moderation queue and the approval page (venue, email);
  ``urls``: the form's addresses.

Nothing here is imported by another app.
"""
