/* config.c — placeholder until written. */
typedef int gf_placeholder_config;
