"""What the certificates room does when other rooms report something: an evaluation answered
for an episode that requires it before the certificate queues that person's certificate."""

from django.dispatch import receiver

from webinars.certificates.issuing import issue_after_evaluation
from webinars.evaluations.signals import evaluation_submitted


@receiver(evaluation_submitted)
def issue_once_evaluated(sender, registration, **kwargs):
    issue_after_evaluation(registration)
