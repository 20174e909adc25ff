/*
 * utmp.c -- the only file that includes utempter: login records for window
 * ptys. Where the system has no utmp file libutempter fails quietly, which
 * is not an error (DESIGN.md decision 4).
 */
#include <utempter.h>

#include "roost.h"

/* Add a utmp record for the pty whose master is master_fd. */
void
utmp_add(int master_fd, const char *host)
{
	(void)utempter_add_record(master_fd, host);
}

/* Remove it again (before the master is closed). */
void
utmp_remove(int master_fd)
{
	(void)utempter_remove_record(master_fd);
}
