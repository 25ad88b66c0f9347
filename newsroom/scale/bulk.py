"""Rows written in bulk: PostgreSQL's COPY where the database is PostgreSQL, the ORM's inserts elsewhere.

Rows are tuples of database values in the order of `columns` (attnames), so millions of rows never
become model instances; ids are reserved from the table's sequence first, so child rows can point
at their parents without reading anything back.
"""

from contextlib import contextmanager
from operator import attrgetter

from django.db import connection, models

BATCH = 5000
# Fields whose Python value is the database value: COPY writes it as it is, without get_db_prep_save.
PLAIN_FIELDS = {
    models.AutoField, models.BigAutoField, models.IntegerField, models.PositiveIntegerField,
    models.PositiveSmallIntegerField, models.SmallIntegerField, models.BigIntegerField, models.BooleanField,
    models.CharField, models.TextField, models.SlugField, models.URLField, models.UUIDField,
    models.DateField, models.DateTimeField,
}


def ids_reserve(model, count):
    """`count` new primary keys for `model`, taken from its sequence (PostgreSQL) or after its highest."""
    if count == 0:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, count]
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def rows_write(model, columns, rows):
    """Inserts `rows` (an iterable of tuples of values for `columns`) into the model's table. A generator
    is consumed while COPY runs, so PostgreSQL inserts rows while Python makes the next ones."""
    fields = [model._meta.get_field(_field_name(model, c)) for c in columns]
    if connection.vendor != "postgresql":
        objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        if objs:
            _insert(model, objs, fields)
        return
    _copy(model, fields, rows)


def instances_write(model, objs, fields):
    """Inserts unsaved instances, pks set, into the model's own table: the values of `fields` (e.g. a
    page type's local fields, its Page row being written separately), prepared as the ORM would."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        _insert(model, objs, fields)
        return
    getters = [_db_value_getter(field) for field in fields]
    _copy(model, fields, ([get(obj) for get in getters] for obj in objs))


def _db_value_getter(field):
    """How COPY reads the field's database value off an instance: the attribute itself where the ORM
    would not change it, else the field's own pre_save and preparation (JSON, encryption...)."""
    if type(field) in PLAIN_FIELDS and not getattr(field, "auto_now", False) and not getattr(
        field, "auto_now_add", False
    ):
        return attrgetter(field.attname)
    if field.is_relation and type(field.target_field) in PLAIN_FIELDS:
        return attrgetter(field.attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, add=True), connection)


def _insert(model, objs, fields):
    size = connection.ops.bulk_batch_size(fields, objs) or BATCH
    for start in range(0, len(objs), size):
        model._base_manager._insert(objs[start:start + size], fields=fields, using=connection.alias)


def _copy(model, fields, rows):
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _field_name(model, attname):
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field.name
    raise ValueError(f"{model.__name__} has no column {attname!r}.")


def db_value(model, attname, value):
    """A value as the field stores it (e.g. an encrypted field's ciphertext), computed once for reuse."""
    field = model._meta.get_field(_field_name(model, attname))
    return field.get_db_prep_save(value, connection)


@contextmanager
def bulk_loading(bulk_models):
    """Within a transaction, PostgreSQL's advice for bulk loads ("Populating a Database"): the foreign
    keys and the plain indexes of the models' tables are dropped while rows are written, then the
    indexes are built again and the foreign keys added back, each with its own name and definition.
    A build sorts once instead of updating the index row by row; adding a foreign key checks every row
    in one join instead of one deferred trigger per row at commit, and a row pointing nowhere fails it
    and the whole transaction with it. Primary keys and unique indexes stay, checking every row as it
    comes. Meant for a new database: on top of large tables, their indexes are rebuilt whole."""
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_loading() drops constraints and indexes: call it inside transaction.atomic().")
    tables = sorted({model._meta.db_table for model in bulk_models})
    with connection.cursor() as cursor:
        # A table with checks still pending cannot be altered: run them now, then defer again.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY conrelid::regclass::text, conname",
            [tables],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = ANY(%s::regclass[]) AND NOT indisunique AND NOT indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid) "
            "ORDER BY indexrelid::regclass::text",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for index, _definition in indexes:
            cursor.execute(f"DROP INDEX {index}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _index, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
