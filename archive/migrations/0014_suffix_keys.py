"""Keys of names with a generational suffix ('Tom Hale Jr.') put the suffix before the surname.

identity.match_key now keys 'Tom Hale Jr.' as 'tom jr hale', so that its surname is Hale;
names stored before kept 'tom hale jr'. Their keys and surname keys are recomputed here, so
that the next import of the same name finds the same person.
"""

from django.db import migrations

from archive.entities.identity import SUFFIXES, match_key


def rekey(apps, schema_editor):
    for model_name in ("Person", "Organization"):
        model = apps.get_model("archive", model_name)
        for suffix in SUFFIXES:
            for entity in model.objects.filter(key__endswith=f" {suffix}"):
                entity.key = match_key(entity.name)
                entity.surname_key = entity.key.rsplit(" ", 1)[-1]
                model.objects.filter(pk=entity.pk).update(key=entity.key, surname_key=entity.surname_key)


class Migration(migrations.Migration):
    dependencies = [("archive", "0013_admin_plurals")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
