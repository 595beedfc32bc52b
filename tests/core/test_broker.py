"""The embedded broker (no Redis): messages written by one process are read
whole by another, however fast both go."""

import multiprocessing

from kombu import Connection

from config.broker import Transport

MESSAGES = 400


def options(folder) -> dict:
    return {
        "data_folder_in": str(folder / "out"),
        "data_folder_out": str(folder / "out"),
        "data_folder_processed": str(folder / "processed"),
        "control_folder": str(folder / "control"),
        "polling_interval": 0,
    }


def produce(folder) -> None:
    with Connection("filesystem://", transport=Transport, transport_options=options(folder)) as connection:
        queue = connection.SimpleQueue("race")
        for number in range(MESSAGES):
            queue.put({"number": number, "padding": "x" * 2000})
        queue.close()


def test_a_reader_never_sees_a_half_written_message(tmp_path):
    for sub in ("out", "processed", "control"):
        (tmp_path / sub).mkdir()
    producer = multiprocessing.get_context("fork").Process(target=produce, args=(tmp_path,))
    received = []
    with Connection("filesystem://", transport=Transport, transport_options=options(tmp_path)) as connection:
        queue = connection.SimpleQueue("race")
        producer.start()
        while len(received) < MESSAGES:
            message = queue.get(block=True, timeout=20)
            received.append(message.payload["number"])
            message.ack()
        queue.close()
    producer.join(10)
    assert sorted(received) == list(range(MESSAGES))
    assert not list((tmp_path / "writing").glob("*"))
