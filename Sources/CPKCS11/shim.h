// The PKCS#11 2.40/3.0 header shipped by p11-kit; modules are dlopen()ed, so nothing is linked.
#include <p11-kit/pkcs11.h>
