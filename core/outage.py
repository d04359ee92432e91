"""What visitors see when the database is unreachable: a 503 that asks them to come back.

Django turns an exception raised anywhere in a request (a view, a template, a middleware) into
the `handler500` response, so deciding here catches a lost database wherever it shows up, which
a middleware's process_exception (views only) would not. Once the database is back, the next
request opens a fresh connection (CONN_HEALTH_CHECKS drops the broken one): nothing to restart.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error as plain_server_error

DATABASE_UNREACHABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unreachable(error):
    while error is not None:
        if isinstance(error, DATABASE_UNREACHABLE):
            return True
        error = error.__cause__ or error.__context__
    return False


def service_unavailable_response():
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    if database_unreachable(sys.exc_info()[1]):
        return service_unavailable_response()
    return plain_server_error(request)
