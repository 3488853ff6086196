"""Report files in an S3-compatible bucket (FILE_STORAGE_BUCKET), so that several app servers
share them: written by the worker, served through the app's view, never public. The store is
a real S3 server on loopback (moto's standalone server), reached over HTTP by boto3."""

import boto3
import pytest
from django.core.files.storage import storages
from django.urls import reverse
from moto.server import ThreadedMotoServer

from demo.benchmark import free_port
from districts.models import Municipality
from reports.models import ReportRun, RunStatus
from tests.reports.test_report import form

BUCKET = "sozialraum-berichte"


@pytest.fixture(scope="module")
def object_store():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="eu-central-1", aws_access_key_id="k", aws_secret_access_key="s"
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    yield endpoint, client
    server.stop()


@pytest.fixture
def bucket_storage(settings, object_store, tmp_path):
    endpoint, client = object_store
    settings.MEDIA_ROOT = tmp_path  # must stay empty
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "eu-central-1",
                "access_key": "k",
                "secret_key": "s",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    storages._storages.pop("default", None)  # the storage object is cached per process
    yield client
    storages._storages.pop("default", None)


def test_report_files_go_to_the_bucket_and_come_back_through_the_view(
    client, planner, ulm_cases, immediate_tasks, bucket_storage, django_capture_on_commit_callbacks, tmp_path
):
    client.force_login(planner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report"), form(Municipality.objects.get(slug="ulm"), action="generate"))
    run = ReportRun.objects.get()
    assert run.status == RunStatus.DONE, run.error
    stored = bucket_storage.get_object(Bucket=BUCKET, Key=run.pdf.name)["Body"].read()
    assert stored.startswith(b"%PDF")
    assert not any(tmp_path.iterdir())  # nothing on the app server's disk
    # Private: the object has no grant for everyone.
    grants = bucket_storage.get_object_acl(Bucket=BUCKET, Key=run.pdf.name)["Grants"]
    assert not any(grant["Grantee"].get("URI", "").endswith("AllUsers") for grant in grants)
    download = client.get(reverse("reports:run_file", args=[run.pk, "pdf"]))
    assert b"".join(download.streaming_content) == stored
    # Gone from the bucket (a restore without files): the run says so instead of failing.
    bucket_storage.delete_object(Bucket=BUCKET, Key=run.xlsx.name)
    missing = client.get(reverse("reports:run_file", args=[run.pk, "xlsx"]))
    assert missing.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
