from django.db import migrations

# Dutch and English words seen in monitoring files; the team can add its own in the admin.
ALIASSEN = {
    "voltijd_baan": [
        "voltijd baan", "voltijdbaan", "voltijd", "fulltime", "fulltime baan", "fulltime werk",
        "full-time", "full time job", "werk voltijd", "baan voltijd", "bbl", "bbl-traject",
        "werk fulltime", "betaald werk fulltime",
    ],
    "deeltijd_baan": [
        "deeltijd baan", "deeltijdbaan", "deeltijd", "parttime", "parttime baan", "parttime werk",
        "part-time", "part time job", "werk deeltijd", "baan deeltijd", "werk parttime",
    ],
    "opleiding": [
        "opleiding", "studie", "school", "onderwijs", "mbo", "hbo", "wo", "universiteit",
        "education", "study", "naar opleiding", "naar school",
    ],
}
OVERIG = {
    "samenwonen": ["samenwonen", "samenwonend", "samenwonen met werkende partner", "partner werkt"],
    "eigen_onderneming": ["eigen onderneming", "eigen bedrijf", "zzp", "zelfstandige",
                          "ondernemer"],
    "verhuisd": ["verhuisd", "verhuizing", "vertrokken naar andere gemeente", "moved",
                 "andere gemeente"],
    "aow": ["aow", "aow-leeftijd", "pensioen"],
    "verplichtingen_niet_nagekomen": ["verplichtingen niet nagekomen", "niet nakomen verplichtingen",
                                      "maatregel", "beeindigd wegens verplichtingen"],
    "eigen_verzoek": ["eigen verzoek", "op eigen verzoek", "eigen wens"],
    "onbekend": ["onbekend", "unknown", "overig", "anders"],
}


def zaai(apps, schema_editor):
    Uitstroomalias = apps.get_model("registratie", "Uitstroomalias")
    for reden, teksten in ALIASSEN.items():
        for tekst in teksten:
            Uitstroomalias.objects.get_or_create(tekst=tekst, defaults={"reden": reden})
    for subreden, teksten in OVERIG.items():
        for tekst in teksten:
            Uitstroomalias.objects.get_or_create(
                tekst=tekst, defaults={"reden": "overig", "subreden": subreden}
            )


class Migration(migrations.Migration):
    dependencies = [("registratie", "0002_termijnen_en_uitstroomalias")]

    operations = [migrations.RunPython(zaai, migrations.RunPython.noop)]
