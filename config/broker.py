"""The embedded Celery broker of a laptop without Redis: kombu's filesystem
transport, with each message written atomically.

kombu's own ``_put`` creates the message file and then writes into it; a
worker polling the folder can move and read the file in between, get an empty
body and die on a JSON error. Here the message is written to a scratch folder
on the same filesystem and renamed into the queue folder, which is atomic: a
reader sees a whole message or none."""

import os
import tempfile
import uuid
from pathlib import Path
from time import monotonic

from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        folder = Path(self.data_folder_out)
        scratch = folder.parent / "writing"
        scratch.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=scratch, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(str_to_bytes(dumps(payload)))
            os.replace(temporary, folder / name)
        except OSError as exc:
            Path(temporary).unlink(missing_ok=True)
            raise filesystem.ChannelError(f"Cannot add message {name!r} to {folder}") from exc


class Transport(filesystem.Transport):
    Channel = Channel
