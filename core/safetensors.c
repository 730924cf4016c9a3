/* safetensors.c — placeholder until written. */
typedef int gf_placeholder_safetensors;
