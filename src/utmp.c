/*
 * utmp.c -- the only file that includes utempter: login records for window
 * ptys. Where the system has no utmp file libutempter fails quietly, which
 * is not an error (DESIGN.md decision 4).
 */
#include <signal.h>
#include <utempter.h>

#include "roost.h"

/*
 * libutempter sets SIGCHLD to its default while its helper runs, so a
 * window's program that exits meanwhile goes unreported and would stay
 * a zombie with its window open: make the server look again.
 */
static void
utmp_recheck_children(void)
{
	raise(SIGCHLD);
}

/* Add a utmp record for the pty whose master is master_fd. */
void
utmp_add(int master_fd, const char *host)
{
	(void)utempter_add_record(master_fd, host);
	utmp_recheck_children();
}

/* Remove it again (before the master is closed). */
void
utmp_remove(int master_fd)
{
	(void)utempter_remove_record(master_fd);
	utmp_recheck_children();
}
