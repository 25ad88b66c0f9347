"""Generates annotated coverage at scale (articles, explainers, claims, sources, places, figures)
on top of the demo site, in bulk, for benchmarks."""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsroom.demo.loader import demo_load
from newsroom.models import ArticleIndexPage, ExplainerIndexPage, HomePage
from newsroom.scale import pages, records
from newsroom.scale.bulk import bulk_loading
from newsroom.scale.search import search_title_norms_refresh


class Command(BaseCommand):
    help = (
        "Adds N published articles with 10-200 annotations each, M claims (default 10 per article) with "
        "status histories and sources, hot claims cited by thousands of pages, explainers, places, sources "
        "and tallies of figures, with their annotation, reference-index and search-index rows. Loads the "
        "demo first if the site is empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many articles to add.")
        parser.add_argument("--claims", type=int, help="How many claims to add (default: 10 per article).")
        parser.add_argument("--seed", type=int, default=12, help="Random seed: the same seed makes the same coverage.")

    def handle(self, *args, articles, claims, seed, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        claims = articles * 10 if claims is None else claims
        if claims < 10:
            raise CommandError("--claims must be at least 10: articles cite hot claims and explainers key claims.")
        started, rng = time.monotonic(), random.Random(seed)
        if not HomePage.objects.exists():
            self._step("demo site", started, demo_load, admin_password=None)
        news, explainer_index = ArticleIndexPage.objects.first(), ExplainerIndexPage.objects.first()
        plan = {
            "places": max(100, articles // 5),
            "sources": max(60, articles // 20),
            "explainers": max(5, articles // 50),
            "tallies": max(5, articles // 100),
        }
        desk = records.Desk()
        with transaction.atomic(), bulk_loading(records.BULK_MODELS + pages.BULK_MODELS):
            desk.conflicts = records.conflicts_ensure()
            self._step("places", started, records.places_create, desk, plan["places"], rng)
            self._step("sources", started, records.sources_create, desk, plan["sources"], rng)
            self._step("claims", started, records.claims_create, desk, claims, rng, stdout=self.stdout)
            self._step("tallies and figures", started, records.tallies_create, desk, plan["tallies"], rng)
            explainers = self._step(
                "explainers", started, pages.explainers_create, desk, explainer_index, plan["explainers"], rng
            )
        self._done("records indexed, checked and committed", started)
        with transaction.atomic(), bulk_loading(pages.BULK_MODELS):
            self._step("articles", started, pages.articles_create, desk, news, articles, rng,
                       explainers=explainers, stdout=self.stdout)
            self._step("search title norms", started, search_title_norms_refresh)
        self._done("articles indexed, checked and committed", started)
        self.stdout.write(
            f"Generated {articles} articles, {plan['explainers']} explainers, {claims} claims, "
            f"{plan['sources']} sources, {plan['places']} places, {plan['tallies']} tallies "
            f"in {time.monotonic() - started:.0f} s."
        )

    def _step(self, name, started, function, *args, **kwargs):
        result = function(*args, **kwargs)
        self._done(name, started)
        return result

    def _done(self, name, started):
        self.stdout.write(f"{time.monotonic() - started:7.1f} s  {name}")
