#ifndef AUTOML_CMALLOC_SHIM_H
#define AUTOML_CMALLOC_SHIM_H
// glibc's allocator tuning (mallopt), for the CLI's memory-reuse policy.
#include <malloc.h>
#endif
