#ifndef AUTOML_COPENBLAS_SHIM_H
#define AUTOML_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
