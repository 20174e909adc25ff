#include <stdio.h>
int
main(void)
{
	puts("roost");
	return 0;
}
