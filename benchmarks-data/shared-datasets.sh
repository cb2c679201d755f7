# Sourced by the benchmark scripts: the shared datasets, their targets and tasks.
# Sets `data` (the datasets folder), `targets` and `tasks` (associative arrays by name) and
# `all_datasets` (every name, binary first).
data="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../shared/datasets" && pwd)"
all_datasets=(titanic adult bank_churn penguins wine_quality diamonds taxis california_housing ames_housing)
declare -A targets=([titanic]=survived [adult]=class [bank_churn]=Exited [penguins]=species [wine_quality]=quality
  [diamonds]=price [taxis]=fare [california_housing]=median_house_value [ames_housing]=SalePrice)
declare -A tasks=([titanic]=binary [adult]=binary [bank_churn]=binary [penguins]=multiclass [wine_quality]=multiclass
  [diamonds]=regression [taxis]=regression [california_housing]=regression [ames_housing]=regression)
