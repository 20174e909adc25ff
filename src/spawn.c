/*
 * spawn.c -- the only place that forks window processes. A window's child
 * gets a new pty (forkpty: its own session, the pty as controlling
 * terminal), the session's environment, its working directory, and the
 * default signal dispositions, then execs the command.
 */
#include <sys/ioctl.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "roost.h"
#include "util/xmalloc.h"

/*
 * Start argv[0] (searched in PATH of env) on a new pty of rows x cols
 * cells, in directory cwd (falling back to $HOME, then /). On success
 * returns the child's pid, *master is the pty master (non-blocking,
 * close-on-exec) and tty_name holds the slave's path; on failure -1 and
 * *cause is an allocated message.
 */
pid_t
spawn_window(char *const *argv, char *const *env, const char *cwd,
    unsigned rows, unsigned cols, int *master, char *tty_name,
    size_t tty_name_len, int login_shell, char **cause)
{
	char *base, *dash = NULL;
	struct winsize ws;
	struct termios tio;
	pid_t pid;
	int fd, i;
	const char *home;
	sigset_t set;

	memset(&ws, 0, sizeof ws);
	ws.ws_row = rows;
	ws.ws_col = cols;

	/* Sane cooked defaults, as a login terminal has. */
	memset(&tio, 0, sizeof tio);
	tio.c_iflag = ICRNL | IXON | IXANY | IMAXBEL | BRKINT | IUTF8;
	tio.c_oflag = OPOST | ONLCR;
	tio.c_cflag = CREAD | CS8 | HUPCL;
	tio.c_lflag =
	    ICANON | ISIG | IEXTEN | ECHO | ECHOE | ECHOK | ECHOKE | ECHOCTL;
	tio.c_cc[VINTR] = 0x03;
	tio.c_cc[VQUIT] = 0x1c;
	tio.c_cc[VERASE] = 0x7f;
	tio.c_cc[VKILL] = 0x15;
	tio.c_cc[VEOF] = 0x04;
	tio.c_cc[VSTART] = 0x11;
	tio.c_cc[VSTOP] = 0x13;
	tio.c_cc[VSUSP] = 0x1a;
	tio.c_cc[VREPRINT] = 0x12;
	tio.c_cc[VWERASE] = 0x17;
	tio.c_cc[VLNEXT] = 0x16;
	tio.c_cc[VMIN] = 1;
	tio.c_cc[VTIME] = 0;
	cfsetispeed(&tio, B38400);
	cfsetospeed(&tio, B38400);

	pid = forkpty(&fd, tty_name, &tio, &ws);
	if (pid == -1) {
		xasprintf(cause, "cannot open a pty: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/* The child: undo what the server set for itself. */
		sigemptyset(&set);
		sigprocmask(SIG_SETMASK, &set, NULL);
		for (i = 1; i < NSIG; i++)
			signal(i, SIG_DFL);
		if (cwd == NULL || chdir(cwd) != 0) {
			home = NULL;
			for (i = 0; env[i] != NULL; i++)
				if (strncmp(env[i], "HOME=", 5) == 0)
					home = env[i] + 5;
			if (home == NULL || chdir(home) != 0)
				(void)chdir("/");
		}
		/* Search PATH of the window's environment. */
		for (i = 0; env[i] != NULL; i++)
			if (strncmp(env[i], "PATH=", 5) == 0)
				setenv("PATH", env[i] + 5, 1);
		if (login_shell) {
			/* A login shell: argv[0] is "-" and its name. */
			base = strrchr(argv[0], '/');
			base = base != NULL ? base + 1 : argv[0];
			dash = malloc(strlen(base) + 2);
			if (dash != NULL) {
				dash[0] = '-';
				strcpy(dash + 1, base);
				execle(argv[0], dash, (char *)NULL, env);
			}
		}
		execvpe(argv[0], argv, env);
		fprintf(stderr, "roost: cannot run %s: %s\r\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	(void)tty_name_len;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	*master = fd;
	return pid;
}
