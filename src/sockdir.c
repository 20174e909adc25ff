/*
 * sockdir.c -- where the server's socket lives, and the checks that keep
 * it private (DESIGN.md decision 1): $ROOST_SOCKET_DIR, else /tmp/roost-UID
 * (not $XDG_RUNTIME_DIR, which logind removes when the user's last login
 * ends -- exactly when a detached session must survive). The directory is
 * created mode 0700 and refused if anyone else owns it or it is group or
 * other accessible.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roost.h"
#include "util/xmalloc.h"

/*
 * Find (creating if missing) and check the socket directory. On success
 * *dir is an allocated path and 0 is returned; on failure -1 with *cause
 * an allocated sentence saying what is wrong and how to fix it.
 */
int
sockdir_resolve(char **dir, char **cause)
{
	const char *env;
	char *path;
	struct stat sb;
	uid_t uid = getuid();

	*dir = NULL;
	*cause = NULL;
	env = getenv("ROOST_SOCKET_DIR");
	if (env != NULL && *env != '\0')
		path = xstrdup(env);
	else
		xasprintf(&path, "/tmp/roost-%lu", (unsigned long)uid);
	if (path[0] != '/') {
		xasprintf(cause,
		    "ROOST_SOCKET_DIR must be an absolute path, not '%s'",
		    path);
		free(path);
		return -1;
	}
	/* Strip trailing slashes so messages and paths look clean. */
	while (strlen(path) > 1 && path[strlen(path) - 1] == '/')
		path[strlen(path) - 1] = '\0';

	if (mkdir(path, 0700) != 0 && errno != EEXIST) {
		xasprintf(cause, "cannot create socket directory %s: %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	if (lstat(path, &sb) != 0) {
		xasprintf(cause, "cannot use socket directory %s: %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		xasprintf(cause,
		    "socket directory %s is not a directory; remove it or set "
		    "ROOST_SOCKET_DIR to another path",
		    path);
		free(path);
		return -1;
	}
	if (sb.st_uid != uid) {
		xasprintf(cause,
		    "socket directory %s is owned by uid %lu, not by you (uid "
		    "%lu); remove it or set ROOST_SOCKET_DIR to a directory of "
		    "your own",
		    path, (unsigned long)sb.st_uid, (unsigned long)uid);
		free(path);
		return -1;
	}
	if ((sb.st_mode & 077) != 0) {
		xasprintf(cause,
		    "socket directory %s has mode %04o, which lets others in; "
		    "fix it with: chmod 700 %s",
		    path, (unsigned)(sb.st_mode & 07777), path);
		free(path);
		return -1;
	}
	*dir = path;
	return 0;
}

/* The server's socket in dir (allocated). */
char *
sockdir_socket_path(const char *dir)
{
	char *p;

	xasprintf(&p, "%s/server", dir);
	return p;
}

/* The lock file that serialises server start and holds its pid. */
char *
sockdir_lock_path(const char *dir)
{
	char *p;

	xasprintf(&p, "%s/server.lock", dir);
	return p;
}
