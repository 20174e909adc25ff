# tests/corpus/local.mk -- replays the external corpus ($ROOST_CORPUS, else
# ../shared/corpus) into libvt: tests/corpus/corpus-run (see its header).
check_PROGRAMS += tests/corpus/corpus-run
tests_corpus_corpus_run_SOURCES = tests/corpus/corpus-run.c
tests_corpus_corpus_run_LDADD = src/vt/libvt.a
EXTRA_DIST += tests/corpus/suites
