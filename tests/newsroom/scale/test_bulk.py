"""newsroom.scale.bulk: rows written by COPY keep the database's own guarantees."""

import pytest
from django.db import IntegrityError, connection, transaction

from conflicts.models import Annotation, Claim
from newsroom.scale.bulk import bulk_loading, rows_write

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="bulk_loading alters tables on PostgreSQL only")
CLAIM_PLACES = Claim.places.through


def schema(model):
    """The table's foreign keys and indexes, by name, with their definitions."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = %s::regclass ORDER BY conname",
            [model._meta.db_table],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s ORDER BY indexname",
                       [model._meta.db_table])
        return foreign_keys, cursor.fetchall()


def test_foreign_keys_and_indexes_come_back_as_they_were(db):
    foreign_keys, indexes = before = schema(Annotation)
    assert len(foreign_keys) == 5 and all("DEFERRABLE INITIALLY DEFERRED" in text for _name, text in foreign_keys)
    with transaction.atomic(), bulk_loading([Annotation]):
        during_foreign_keys, during_indexes = schema(Annotation)
        assert during_foreign_keys == []
        # The primary key and the unique sequence per page still check each row as it comes.
        assert {name for name, _text in during_indexes} == {"conflicts_annotation_pkey", "annotation_unique_sequence"}
    assert schema(Annotation) == before
    assert len(indexes) == 8


def test_a_row_pointing_nowhere_fails_and_nothing_is_kept(db):
    before = schema(CLAIM_PLACES)
    with pytest.raises(IntegrityError), transaction.atomic(), bulk_loading([CLAIM_PLACES]):
        rows_write(CLAIM_PLACES, ["claim_id", "location_id"], [(10**9, 10**9)])
    assert not CLAIM_PLACES.objects.filter(claim_id=10**9).exists()
    assert schema(CLAIM_PLACES) == before
