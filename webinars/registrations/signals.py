"""Signals of the participant records (registrations, attendance, certificates).

Single saves send Django's own post_save; records written in bulk (a meeting report imported,
certificates issued) send ``participation_changed`` once, after their commit, with the episode
as ``episode``. The statistics room listens to both; the writers know nothing of it.
"""

from django.dispatch import Signal

participation_changed = Signal()
