"""Press relations: journalists, distribution lists and the mailing of
press notes, the first user of the foundation's bulk-mailing engine
(``comunicacio.mail``). The models are re-exported by ``news.models``."""
