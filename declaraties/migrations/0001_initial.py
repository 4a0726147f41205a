import django.core.validators
import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('registratie', '0019_onderbrekingen'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The tables stay where they are (registratie_betaalbatch, registratie_declaratie): only
    # Django's idea of which app owns the models moves; registratie 0020 lets go of them.
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Betaalbatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('aangemaakt_op', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
                        ('gewijzigd_op', models.DateTimeField(auto_now=True, verbose_name='gewijzigd op')),
                        ('nummer', models.CharField(max_length=20, unique=True)),
                        ('omschrijving', models.CharField(blank=True, max_length=200)),
                        ('aangemaakt_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'betaalbatch',
                        'verbose_name_plural': 'betaalbatches',
                        'db_table': 'registratie_betaalbatch',
                        'ordering': ['-aangemaakt_op'],
                    },
                ),
                migrations.CreateModel(
                    name='Declaratie',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('aangemaakt_op', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
                        ('gewijzigd_op', models.DateTimeField(auto_now=True, verbose_name='gewijzigd op')),
                        ('periode', models.DateField(help_text='De maand, als de eerste dag daarvan.')),
                        ('eenheden', models.DecimalField(decimal_places=2, max_digits=8, validators=[django.core.validators.MinValueValidator(0)])),
                        ('bedrag', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='bedrag (EUR)')),
                        ('ingehouden', models.DecimalField(decimal_places=2, default=0, help_text='Het prestatiedeel: pas te betalen als het resultaat is bereikt.', max_digits=12, verbose_name='ingehouden (EUR)')),
                        ('status', models.CharField(choices=[('ingediend', 'ingediend, wacht op goedkeuring'), ('goedgekeurd', 'goedgekeurd'), ('afgewezen', 'afgewezen'), ('betaald', 'betaald')], default='ingediend', max_length=15)),
                        ('code', models.CharField(blank=True, choices=[('T01', 'T01 bedrag wijkt af van eenheden × gecontracteerd tarief'), ('U01', 'U01 meer eenheden dan volgens de voortgangsrapportage aangeboden'), ('U02', 'U02 meer eenheden dan het maximum per maand van de contractregel'), ('E01', 'E01 meer eenheden dan de inschrijving in totaal verwacht'), ('P01', 'P01 het plafond van het contract is bereikt'), ('M01', 'M01 afgewezen door de inkoper')], max_length=3, verbose_name='afwijzingscode')),
                        ('reden', models.CharField(blank=True, help_text='De afwijzing in woorden.', max_length=300)),
                        ('toelichting', models.CharField(blank=True, max_length=500)),
                        ('beoordeeld_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('betaalbatch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='regels', to='declaraties.betaalbatch')),
                        ('ingediend_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('inschrijving', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='declaraties', to='registratie.inschrijving')),
                    ],
                    options={
                        'verbose_name': 'declaratie',
                        'verbose_name_plural': 'declaraties',
                        'db_table': 'registratie_declaratie',
                        'ordering': ['-periode', 'inschrijving__client__clientnummer'],
                        'indexes': [models.Index(fields=['status', 'periode'], name='registratie_status_08f437_idx')],
                        'constraints': [models.UniqueConstraint(fields=('inschrijving', 'periode'), name='declaratie_een_per_maand', violation_error_message='Deze maand is voor deze inschrijving al gedeclareerd.'), models.CheckConstraint(condition=models.Q(('bedrag__gte', 0), ('eenheden__gte', 0)), name='declaratie_niet_negatief', violation_error_message='Bedrag en eenheden kunnen niet negatief zijn.'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'afgewezen'), _negated=True), ('code__gt', ''), _connector='OR'), name='declaratie_afwijzing_heeft_code', violation_error_message='Een afwijzing heeft een code.'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'betaald'), _negated=True), ('betaalbatch__isnull', False), _connector='OR'), name='declaratie_betaald_in_batch', violation_error_message='Een betaalde regel hoort bij een betaalbatch.')],
                    },
                ),
            ],
        ),
    ]
