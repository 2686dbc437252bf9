"""Flavors: defaults, listing as Nova filters it, extra specs, project access."""

import pytest
import sqlalchemy as sa

from apiframe import exception
from apiframe.compute.db import api
from apiframe.compute.db.models import FlavorExtraSpec, FlavorProject


def _flavorids(flavors):
    return [flavor.flavorid for flavor in flavors]


@pytest.fixture
def seeded(db):
    with db.transaction() as session:
        assert api.seed_default_flavors(session, api.utcnow()) == 5
        private = api.flavor_create(
            session, api.utcnow(), flavorid="p1", name="private", memory_mb=256, vcpus=1, root_gb=0,
            is_public=False,
        )
        api.flavor_access_add(session, private, "proj-a")
    return db


def test_seeding_is_idempotent(seeded):
    with seeded.transaction() as session:
        assert api.seed_default_flavors(session, api.utcnow()) == 0
        tiny = api.flavor_get(session, "1")
        assert (tiny.name, tiny.memory_mb, tiny.vcpus, tiny.root_gb) == ("m1.tiny", 512, 1, 1)
        assert api.flavor_get(session, "5").name == "m1.xlarge"


def test_list_visibility(seeded):
    with seeded.transaction() as session:
        assert _flavorids(api.flavor_list(session)) == ["1", "2", "3", "4", "5"]
        assert _flavorids(api.flavor_list(session, project_id="proj-a")) == ["1", "2", "3", "4", "5", "p1"]
        assert _flavorids(api.flavor_list(session, project_id="proj-b")) == ["1", "2", "3", "4", "5"]
        assert _flavorids(api.flavor_list(session, is_public=False)) == ["p1"]
        assert len(api.flavor_list(session, is_public=None)) == 6


def test_get_hides_private_flavors_from_other_projects(seeded):
    with seeded.transaction() as session:
        assert api.flavor_get(session, "p1", project_id="proj-a").name == "private"
        assert api.flavor_get(session, "p1").name == "private"
        with pytest.raises(exception.NotFound) as caught:
            api.flavor_get(session, "p1", project_id="proj-b")
    assert caught.value.message == "Flavor p1 could not be found."


def test_list_filters_sorting_and_marker(seeded):
    with seeded.transaction() as session:
        assert _flavorids(api.flavor_list(session, min_memory_mb=4096)) == ["3", "4", "5"]
        assert _flavorids(api.flavor_list(session, min_root_gb=40, min_memory_mb=8192)) == ["4", "5"]
        by_ram = api.flavor_list(session, sort_key="memory_mb", sort_dir="desc")
        assert _flavorids(by_ram) == ["5", "4", "3", "2", "1"]
        assert _flavorids(api.flavor_list(session, limit=2, marker="2")) == ["3", "4"]
        with pytest.raises(exception.BadRequest) as caught:
            api.flavor_list(session, marker="p1", project_id="proj-b")
        assert caught.value.message == "marker [p1] not found"
        with pytest.raises(exception.BadRequest):
            api.flavor_list(session, sort_key="password")


def test_duplicates_conflict(seeded):
    with seeded.transaction() as session, pytest.raises(exception.Conflict) as caught:
        api.flavor_create(session, api.utcnow(), name="m1.tiny", memory_mb=1, vcpus=1, root_gb=1)
    assert caught.value.message == "Flavor with name m1.tiny already exists."
    with seeded.transaction() as session, pytest.raises(exception.Conflict) as caught:
        api.flavor_create(session, api.utcnow(), flavorid="1", name="new", memory_mb=1, vcpus=1, root_gb=1)
    assert caught.value.message == "Flavor with ID 1 already exists."


def test_generated_flavorid_and_description_update(db):
    with db.transaction() as session:
        flavor = api.flavor_create(session, api.utcnow(), name="x", memory_mb=1, vcpus=1, root_gb=1)
        assert len(flavor.flavorid) == 36
        api.flavor_update(session, flavor, api.utcnow(), description="small")
    with db.transaction() as session:
        assert api.flavor_get(session, flavor.flavorid).description == "small"


def test_extra_specs(seeded):
    with seeded.transaction() as session:
        tiny = api.flavor_get(session, "1")
        assert api.flavor_extra_specs_update(session, tiny, {"hw:cpu_policy": "dedicated"}, api.utcnow()) == {
            "hw:cpu_policy": "dedicated"
        }
        api.flavor_extra_specs_update(session, tiny, {"hw:cpu_policy": "shared", "a": "b"}, api.utcnow())
    with seeded.transaction() as session:
        tiny = api.flavor_get(session, "1")
        assert tiny.extra_specs == {"a": "b", "hw:cpu_policy": "shared"}
        assert api.flavor_snapshot(tiny)["extra_specs"] == tiny.extra_specs
        api.flavor_extra_spec_delete(session, tiny, "a", api.utcnow())
        with pytest.raises(exception.NotFound) as caught:
            api.flavor_extra_spec_get(tiny, "a")
    assert caught.value.message == "Flavor 1 has no extra specs with key a."


def test_access_list(seeded):
    with seeded.transaction() as session:
        private = api.flavor_get(session, "p1")
        assert api.flavor_access_add(session, private, "proj-b") == ["proj-a", "proj-b"]
        with pytest.raises(exception.Conflict) as caught:
            api.flavor_access_add(session, private, "proj-b")
        assert caught.value.message == (
            "Flavor access already exists for flavor p1 and project proj-b combination."
        )
        assert api.flavor_access_remove(session, private, "proj-a") == ["proj-b"]
        with pytest.raises(exception.NotFound) as caught:
            api.flavor_access_remove(session, private, "proj-a")
        assert caught.value.message == "Flavor access not found for p1 / proj-a combination."
        public = api.flavor_get(session, "1")
        with pytest.raises(exception.NotFound, match="not available for public flavors"):
            api.flavor_access_list(public)
        with pytest.raises(exception.Conflict, match="public flavor"):
            api.flavor_access_add(session, public, "proj-a")
    with seeded.transaction() as session:
        assert api.flavor_access_list(api.flavor_get(session, "p1")) == ["proj-b"]


def test_delete_removes_specs_and_access(seeded):
    with seeded.transaction() as session:
        private = api.flavor_get(session, "p1")
        api.flavor_extra_specs_update(session, private, {"k": "v"}, api.utcnow())
    with seeded.transaction() as session:
        api.flavor_delete(session, api.flavor_get(session, "p1"))
    with seeded.transaction() as session:
        with pytest.raises(exception.NotFound):
            api.flavor_get(session, "p1")
        for model in (FlavorExtraSpec, FlavorProject):
            assert session.scalar(sa.select(sa.func.count()).select_from(model)) == 0
