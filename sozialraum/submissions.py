"""Every form is sent once (DESIGN §4 rule 7). Each POST form carries a one-time token
(`{% form_token %}`); the first request with a token is processed, every further request with
the same token — a double click, a reload, ten parallel POSTs — waits for it and gets its answer.

A PostgreSQL advisory lock on the token orders parallel requests across processes and machines;
it is released when the first answer is stored (or the connection ends)."""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.models import Submission

FIELD = "form_token"
KEPT_FOR = timedelta(hours=12)
LARGEST_KEPT_BODY = 256 * 1024


def new_token() -> str:
    return str(uuid.uuid4())


def token_of(request) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def replay(request, earlier: Submission) -> HttpResponse:
    if earlier.location:
        messages.info(request, _("This form had already been sent; here is its result."))
        return HttpResponseRedirect(earlier.location)
    return HttpResponse(bytes(earlier.content), status=earlier.status_code, content_type=earlier.content_type)


def remember(request, token: uuid.UUID, response) -> None:
    if response.status_code >= 500 or response.streaming:
        return  # nothing was done (or nothing can be repeated): the form may be sent again
    location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
    body = b"" if location else response.content
    if len(body) > LARGEST_KEPT_BODY:
        return
    Submission.objects.create(
        user=request.user,
        token=token,
        status_code=response.status_code,
        location=location,
        content=body,
        content_type=response.get("Content-Type", ""),
    )


class OnceOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not request.user.is_authenticated:
            return self.get_response(request)
        token = token_of(request)
        if token is None:
            return self.get_response(request)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", [str(token)])
        try:
            earlier = Submission.objects.filter(user=request.user, token=token).first()
            if earlier is not None:
                return replay(request, earlier)
            response = self.get_response(request)
            if request.user.is_authenticated:  # not after signing out
                remember(request, token, response)
            return response
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", [str(token)])


def forget_old_submissions() -> int:
    deleted, _counts = Submission.objects.filter(submitted_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted
