/*
 * lock.h -- the client's lock screen (issue 7): what the client shows and
 * does between the server's PROTO_LOCK and the moment its user passed
 * the PAM check (the client then sends PROTO_UNLOCK) or the lock was
 * lifted elsewhere (PROTO_UNLOCKED). lock.c is the only file that
 * includes the PAM headers.
 */
#ifndef ROOST_LOCK_H
#define ROOST_LOCK_H

#include <stddef.h>
#include <stdint.h>

struct event_base;
struct tty;
struct lock;

/* What the lock asks of the client. All three are required. */
struct lock_callbacks {
	/* Output for the terminal is waiting in the tty: write it. */
	void (*flush)(void *arg);
	/* 0: stop reading the terminal (LOCKPRG has it); 1: read again. */
	void (*input)(void *arg, int on);
	/* The user authenticated: send PROTO_UNLOCK and lock_free(). Called
	   last, from the lock's own event; the lock is not used after. */
	void (*unlocked)(void *arg);
};

/*
 * Lock the display now: draw the lock screen through tty (which must be
 * started: the terminal is raw) and ask for the password through PAM
 * (service "roost", else "other", said once on the screen), or run
 * $LOCKPRG when it is set (its exit status 0 unlocks). session is the
 * session's full name (copied); whole_session says whether the session
 * is locked rather than this display only. The PAM transaction runs in a
 * child process, so the caller's event loop (base) goes on. Never
 * returns NULL.
 */
struct lock *lock_start(struct event_base *base, struct tty *tty,
    const char *session, int whole_session, const struct lock_callbacks *cb,
    void *arg);

/* A second PROTO_LOCK while locked: only what the screen says changes. */
void lock_set_kind(struct lock *l, int whole_session);

/* Bytes typed at the terminal while locked (never sent to the server):
   the password line (Enter ends it, Backspace, C-u), all else ignored. */
void lock_input(struct lock *l, const uint8_t *buf, size_t len);

/* The terminal changed size (after tty_resize()): draw again. */
void lock_resize(struct lock *l);

/*
 * Stop: the PAM child or LOCKPRG is killed, the password buffer wiped,
 * the terminal taken back if LOCKPRG had it. The tty keeps the lock
 * screen until the server's next (full) frame. NULL is allowed.
 */
void lock_free(struct lock *l);

#endif /* ROOST_LOCK_H */
