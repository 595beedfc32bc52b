"""The institutional agenda's models, moved here from ``agenda``.

Their tables already exist (created by agenda's 0010_institutional and kept
under their ``agenda_*`` names): this migration only tells Django's state that
the models now belong to this app. agenda's 0014 removes them from agenda's
state, and 0002 points their content types here.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("agenda", "0013_proposal_images_private"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Holder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=150, verbose_name='nom')),
                        ('position', models.CharField(help_text='Per exemple: «Alcaldessa», «Regidor de Cultura».', max_length=200, verbose_name='càrrec')),
                        ('position_es', models.CharField(blank=True, max_length=200, verbose_name='càrrec (castellà)')),
                        ('slug', models.SlugField(max_length=160, unique=True, verbose_name='identificador')),
                        ('active', models.BooleanField(default=True, help_text="Els antics càrrecs es mantenen a l'arxiu però no s'ofereixen per a agendes noves.", verbose_name='en el càrrec')),
                        ('order', models.PositiveSmallIntegerField(default=100, verbose_name='ordre')),
                    ],
                    options={
                        'verbose_name': "titular d'agenda",
                        'verbose_name_plural': "titulars d'agenda",
                        'db_table': 'agenda_holder',
                        'ordering': ['-active', 'order', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='InstitutionalEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('draft', 'Esborrany'), ('review', 'En revisió'), ('approved', 'Aprovat'), ('published', 'Publicat'), ('withdrawn', 'Retirat'), ('archived', 'Arxivat')], db_index=True, default='draft', max_length=16, verbose_name='estat')),
                        ('publish_at', models.DateTimeField(blank=True, help_text="Quan l'element es fa visible al públic. Buit: en publicar-lo.", null=True, verbose_name='data de publicació')),
                        ('expire_at', models.DateTimeField(blank=True, help_text="Opcional: a partir d'aquest moment deixa de ser visible.", null=True, verbose_name='data de caducitat')),
                        ('publication', models.PositiveIntegerField(default=0, editable=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='creat')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='modificat')),
                        ('start', models.DateTimeField(db_index=True, verbose_name='inici')),
                        ('end', models.DateTimeField(blank=True, null=True, verbose_name='fi')),
                        ('category', models.CharField(choices=[('meeting', 'Reunió'), ('public_event', 'Acte públic'), ('visit', 'Visita institucional'), ('plenary', 'Ple municipal'), ('governing_board', 'Junta de Govern Local'), ('interview', 'Entrevista o atenció als mitjans'), ('other', 'Altres')], default='meeting', max_length=20, verbose_name='tipus')),
                        ('subject', models.CharField(max_length=255, verbose_name='assumpte')),
                        ('description', models.TextField(blank=True, verbose_name='descripció')),
                        ('place', models.CharField(blank=True, max_length=255, verbose_name='lloc')),
                        ('participants', models.TextField(blank=True, help_text='Persones i institucions que hi participen.', verbose_name='participants')),
                        ('interest_groups', models.TextField(blank=True, help_text="Grups d'interès amb qui es reuneix el titular (llei 19/2014, art. 55).", verbose_name="grups d'interès")),
                        ('interest_group_register', models.CharField(blank=True, help_text="Números d'inscripció al Registre de grups d'interès de Catalunya, separats per comes.", max_length=200, verbose_name="número al Registre de grups d'interès")),
                        ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='autor')),
                        ('holder', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='entries', to='institutional.holder', verbose_name='titular')),
                    ],
                    options={
                        'verbose_name': "entrada de l'agenda institucional",
                        'verbose_name_plural': 'agenda institucional',
                        'db_table': 'agenda_institutionalentry',
                        'ordering': ['-start', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Guest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='nom')),
                        ('position', models.CharField(blank=True, max_length=255, verbose_name='càrrec o institució')),
                        ('form_of_address', models.CharField(blank=True, help_text='Per exemple: «Il·lustríssim senyor», «Molt Honorable», «Excel·lentíssima senyora».', max_length=80, verbose_name='tractament')),
                        ('rsvp', models.CharField(choices=[('pending', 'Pendent de resposta'), ('attending', 'Hi assistirà'), ('declined', "Excusa l'assistència"), ('represented', 'Hi envia representant')], default='pending', max_length=16, verbose_name='resposta')),
                        ('represented_by', models.CharField(blank=True, max_length=200, verbose_name='representat per')),
                        ('precedence', models.PositiveSmallIntegerField(default=100, help_text='1 és el lloc de més precedència.', verbose_name='ordre de precedència')),
                        ('seat', models.CharField(blank=True, max_length=40, verbose_name='seient')),
                        ('notes', models.TextField(blank=True, verbose_name='notes de protocol')),
                        ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='guests', to='institutional.institutionalentry', verbose_name='entrada')),
                    ],
                    options={
                        'verbose_name': 'convidat',
                        'verbose_name_plural': 'llista de convidats',
                        'db_table': 'agenda_guest',
                        'ordering': ['precedence', 'name'],
                    },
                ),
                migrations.AddIndex(
                    model_name='institutionalentry',
                    index=models.Index(condition=models.Q(('status', 'published')), fields=['start', 'id'], name='institutional_published_idx'),
                ),
                migrations.AddIndex(
                    model_name='institutionalentry',
                    index=models.Index(condition=models.Q(('status', 'published')), fields=['holder', 'start', 'id'], name='institutional_holder_idx'),
                ),
            ],
        ),
    ]
