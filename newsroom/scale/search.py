"""Search index entries for bulk-written records.

On PostgreSQL with Wagtail's database backend the entries are written set-based: Python supplies
each search field's text and PostgreSQL computes the vectors, with the weights and text-search
configurations Wagtail's own indexer uses (modelsearch's ObjectIndexer), so the rows are those
`update_index` would write. Any other backend (SQLite, Elasticsearch, OpenSearch) gets the
records through its own `add_bulk`.
"""

from django.db import connection
from django.utils.encoding import force_str
from wagtail.search.backends import get_search_backend
from wagtail.search.index import AutocompleteField, SearchField

BATCH = 5000


def _postgres_backend():
    backend = get_search_backend()
    if connection.vendor != "postgresql" or type(backend).__module__ != (
        "modelsearch.backends.database.postgres.postgres"
    ):
        return None
    return backend


def _vector(config, weight, column):
    tsvector = f"to_tsvector({config}::regconfig, t.{column})" if config else f"to_tsvector(t.{column})"
    return f"setweight({tsvector}, '{weight}')"


def _fields(model):
    from modelsearch.backends.database.postgres.weights import get_weight

    fields = []
    for field in model.get_search_fields():
        if isinstance(field, SearchField):
            part = "title" if field.field_name == "title" else "body"
            fields.append((part, get_weight(field.boost), field.field_name))
        elif isinstance(field, AutocompleteField):
            fields.append(("autocomplete", "D", field.field_name))
    return fields


def search_index_add(model, objs, texts=None):
    """Index `objs`; `texts` maps a field name to a function giving that field's text for an object
    (e.g. a body's plain text already known), instead of reading it through the field."""
    backend = _postgres_backend()
    if backend is None:
        objs = [obj if isinstance(obj, model) else model(**vars(obj)) for obj in objs]
        for start in range(0, len(objs), BATCH):
            get_search_backend().add_bulk(model, objs[start:start + BATCH])
        return
    fields, texts = _fields(model), texts or {}
    for start in range(0, len(objs), BATCH):
        _insert(backend, model, fields, objs[start:start + BATCH], texts)


def _text(obj, name, texts):
    if name in texts:
        return texts[name](obj).strip()
    value = getattr(obj, name)
    return ("" if value is None else force_str(value)).strip()


def _insert(backend, model, fields, objs, texts):
    from django.contrib.contenttypes.models import ContentType

    columns = [[str(obj.pk) for obj in objs]]
    columns += [[_text(obj, name, texts) for obj in objs] for _part, _weight, name in fields]
    names = ["object_id"] + [f"f{index}" for index in range(len(fields))]
    parts = {"title": [], "body": [], "autocomplete": []}
    plain = {"title": [], "body": []}
    for index, (part, weight, _name) in enumerate(fields):
        config = backend.autocomplete_config if part == "autocomplete" else backend.config
        parts[part].append(_vector(f"'{config}'" if config else None, weight, f"f{index}"))
        if part in plain:
            plain[part].append(f"NULLIF(t.f{index}, '')")
    vector = {part: " || ".join(sql) if sql else "''::tsvector" for part, sql in parts.items()}
    text = {part: f"concat_ws(' ', {', '.join(sql)})" if sql else "''" for part, sql in plain.items()}
    columns_sql = ", ".join(f"{name} text" for name in names)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE scale_search_rows ({columns_sql}) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY scale_search_rows ({', '.join(names)}) FROM STDIN") as copy:
            for row in zip(*columns, strict=True):
                copy.write_row(row)
        cursor.execute(
            f"""
            INSERT INTO wagtailsearch_indexentry
                (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
            SELECT %s, t.object_id, {vector['title']}, {vector['autocomplete']}, {vector['body']}, 1.0,
                   {text['title']}, {text['body']}
            FROM scale_search_rows AS t
            ON CONFLICT (content_type_id, object_id) DO NOTHING
            """,
            [ContentType.objects.get_for_model(model).pk],
        )
        cursor.execute("DROP TABLE scale_search_rows")


def search_title_norms_refresh():
    """Wagtail's title norms over the whole index, computed once after the bulk insert."""
    backend = _postgres_backend()
    if backend is not None:
        from modelsearch.backends.database.postgres.postgres import PostgresIndex

        PostgresIndex(backend)._refresh_title_norms(full=True)
