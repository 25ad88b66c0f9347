"""Signals the extension sends after committed changes, for cache purges and notifications."""

from django.dispatch import Signal

# Sent with change=<ClaimStatusChange> after the transaction that recorded it commits.
claim_status_changed = Signal()

# Sent with change=<FigureStatusChange> after the transaction that recorded it commits.
figure_status_changed = Signal()
