// The PKCS#11 2.40/3.0 header shipped by p11-kit, by its full path under /usr/include: modules are dlopen()ed, so
// nothing is linked (no pkg-config, which would add -lp11-kit).
#include <p11-kit-1/p11-kit/pkcs11.h>
