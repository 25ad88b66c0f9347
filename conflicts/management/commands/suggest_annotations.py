"""Prints the annotation assistant's suggestions for a plain-text article as one JSON object."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from conflicts.assistant import AssistantInputError, annotations_suggest, vocabulary_load
from conflicts.assistant.vocabulary import Vocabulary

PLACE_FIELDS = ("start", "end", "text", "location_id", "kind", "geonames_id", "latitude", "longitude")


class Command(BaseCommand):
    help = (
        "Suggests attributions, places and figures for FILE (UTF-8 plain text, paragraphs separated "
        "by blank lines; '-' reads standard input). Offsets are Python str indices of FILE's text."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The article's text file, or - for standard input.")
        parser.add_argument(
            "--no-desk", action="store_true",
            help="Do not read the desk's places, sources and earlier annotations from the database.",
        )

    def handle(self, *args, file, no_desk, **options):
        text = _read(file)
        vocabulary = Vocabulary() if no_desk else _desk_vocabulary()
        try:
            suggestions = annotations_suggest(text, vocabulary=vocabulary)
        except AssistantInputError as error:
            raise CommandError(str(error)) from error
        suggestions["places"] = [{key: place[key] for key in PLACE_FIELDS} for place in suggestions["places"]]
        self.stdout.write(json.dumps(suggestions, ensure_ascii=False, indent=2))


def _read(file):
    try:
        if file == "-":
            return sys.stdin.buffer.read().decode("utf-8")
        with open(file, "rb") as handle:
            return handle.read().decode("utf-8")
    except FileNotFoundError as error:
        raise CommandError(f"No such file: {file}") from error
    except IsADirectoryError as error:
        raise CommandError(f"{file} is a directory; give a plain-text file.") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{file} is not UTF-8 text (byte {error.start}); save it as UTF-8 plain text.") from error
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}") from error


def _desk_vocabulary():
    try:
        return vocabulary_load()
    except DatabaseError as error:
        raise CommandError(
            f"Cannot read the desk's records ({error.__class__.__name__}); run `manage.py migrate` "
            "or pass --no-desk to use the gazetteer only."
        ) from error
