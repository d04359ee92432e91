"""Signals of the evaluation room.

``evaluation_submitted`` is sent after the commit that saved an evaluation, with the
``registration`` and whether it was the first answer (``created``). The certificates room
listens, to issue the certificate of an episode that waits for the evaluation; this room knows
nothing of it.
"""

from django.dispatch import Signal

evaluation_submitted = Signal()
