"""Partner representations kept in the shared cache, so an unchanged record is not serialized again.

A representation is keyed by the resource, the record's id, when what it shows last changed, the
calling partner (its id and when its settings last changed: a partner's representations are never
another's) and the format. A change gives a new key, so it is served at once; stale entries simply
expire. When the cache is unreachable, records are serialized as if nothing were cached.
"""

import hashlib
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

TIMEOUT = 24 * 60 * 60


def representation_key(*parts):
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=16).hexdigest()
    return f"conflicts:representation:{digest}"


def representations(records, *, serialize, key_of):
    """The representations of `records`, in order: cached ones as stored, the others from
    `serialize(missing_records)` (one call for all of them, None for a record that is gone), then stored."""
    keys = [key_of(record) for record in records]
    try:
        found = cache.get_many(keys)
    except Exception:  # a cache outage costs serialization, never the response
        logger.warning("Representation cache unreachable; serializing every record.")
        found = {}
    missing = [(record, key) for record, key in zip(records, keys, strict=True) if key not in found]
    if missing:
        missing_records, missing_keys = zip(*missing, strict=True)
        fresh = dict(zip(missing_keys, serialize(list(missing_records)), strict=True))
        try:
            cache.set_many({key: value for key, value in fresh.items() if value is not None}, TIMEOUT)
        except Exception:
            logger.warning("Representation cache unreachable; representations not stored.")
        found.update(fresh)
    return [found[key] for key in keys]
