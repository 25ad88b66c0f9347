"""newsroom.scale.bulk: rows written by COPY keep the database's own guarantees."""

import pytest
from django.db import IntegrityError, connection, transaction

from conflicts.models import Claim
from newsroom.scale.bulk import foreign_keys_checked_at_end, rows_write

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="constraints are dropped on PostgreSQL only")
CLAIM_PLACES = Claim.places.through


def foreign_keys(model):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = %s::regclass ORDER BY conname",
            [model._meta.db_table],
        )
        return cursor.fetchall()


def test_foreign_keys_come_back_as_they_were(db):
    before = foreign_keys(CLAIM_PLACES)
    assert len(before) == 2 and all("DEFERRABLE INITIALLY DEFERRED" in definition for _name, definition in before)
    with transaction.atomic(), foreign_keys_checked_at_end([CLAIM_PLACES]):
        assert foreign_keys(CLAIM_PLACES) == []
    assert foreign_keys(CLAIM_PLACES) == before


def test_a_row_pointing_nowhere_fails_and_nothing_is_kept(db):
    before = foreign_keys(CLAIM_PLACES)
    with pytest.raises(IntegrityError), transaction.atomic(), foreign_keys_checked_at_end([CLAIM_PLACES]):
        rows_write(CLAIM_PLACES, ["claim_id", "location_id"], [(10**9, 10**9)])
    assert not CLAIM_PLACES.objects.filter(claim_id=10**9).exists()
    assert foreign_keys(CLAIM_PLACES) == before

