"""Rows written in bulk: PostgreSQL's COPY where the database is PostgreSQL, bulk_create elsewhere.

Rows are tuples of database values in the order of `columns` (attnames), so millions of rows never
become model instances; ids are reserved from the table's sequence first, so child rows can point
at their parents without reading anything back.
"""

from django.db import connection

BATCH = 5000


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
    """Inserts `rows` (tuples of values for `columns`) into the model's table."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model._base_manager.bulk_create(objs, batch_size=BATCH)
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(_field_name(model, c)).column) for c in columns)
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
