from django.core.management.base import BaseCommand

from comunicacio import images
from comunicacio.media import Image


class Command(BaseCommand):
    help = (
        "Make the crops per ratio (16:9, 1:1, 1.91:1) of every library image stored before they existed "
        "(until then pages show those images' full frame). Images that have them are left alone."
    )

    def handle(self, *args, **options):
        made = 0
        for image in Image.objects.order_by("pk").iterator(chunk_size=200):
            if not images.has_every_crop(image.renditions):
                # Image.save makes a fresh set of renditions and deletes the old.
                image.save()
                made += 1
        self.stdout.write(self.style.SUCCESS(f"Made the crops of {made} images."))
