/*
 * Stand-ins for the nine GSS-API (Kerberos) functions that Debian's static libgit2 refers to.
 *
 * Only libgit2's auth_negotiate.c uses them, for HTTP "Negotiate" authentication when fetching
 * or pushing over HTTP. riskgate opens local repositories only and never uses a transport, so
 * these are never called; linking them instead of libgssapi_krb5 (which Debian ships only as a
 * shared library) keeps the packaged binary free of the Kerberos libraries. Should one be
 * called anyway, it fails the way GSS-API fails (GSS_S_FAILURE) and libgit2 reports an error.
 *
 * Compiled and linked by Scripts/package.sh only; development builds link libgit2 dynamically.
 */
#include <stddef.h>
#include <stdint.h>

typedef uint32_t OM_uint32;
#define RISKGATE_GSS_S_FAILURE (13u << 16)

void *GSS_C_NT_HOSTBASED_SERVICE = NULL;

static OM_uint32 riskgate_gss_unavailable(OM_uint32 *minor)
{
    if (minor != NULL) *minor = 0;
    return RISKGATE_GSS_S_FAILURE;
}

OM_uint32 gss_init_sec_context(OM_uint32 *minor, void *credential, void **context, void *target, void *mechanism,
    OM_uint32 flags, OM_uint32 lifetime, void *bindings, void *input, void **actual_mechanism, void *output,
    OM_uint32 *returned_flags, OM_uint32 *returned_lifetime)
{
    (void)credential; (void)context; (void)target; (void)mechanism; (void)flags; (void)lifetime; (void)bindings;
    (void)input; (void)actual_mechanism; (void)output; (void)returned_flags; (void)returned_lifetime;
    return riskgate_gss_unavailable(minor);
}

OM_uint32 gss_delete_sec_context(OM_uint32 *minor, void **context, void *output)
{
    (void)context; (void)output;
    return riskgate_gss_unavailable(minor);
}

OM_uint32 gss_display_status(OM_uint32 *minor, OM_uint32 status, int type, void *mechanism, OM_uint32 *message_context,
    void *text)
{
    (void)status; (void)type; (void)mechanism; (void)text;
    if (message_context != NULL) *message_context = 0;
    return riskgate_gss_unavailable(minor);
}

OM_uint32 gss_import_name(OM_uint32 *minor, void *input, void *type, void **output)
{
    (void)input; (void)type; (void)output;
    return riskgate_gss_unavailable(minor);
}

OM_uint32 gss_indicate_mechs(OM_uint32 *minor, void **mechanisms)
{
    (void)mechanisms;
    return riskgate_gss_unavailable(minor);
}

OM_uint32 gss_release_buffer(OM_uint32 *minor, void *buffer)
{
    (void)buffer;
    if (minor != NULL) *minor = 0;
    return 0;
}

OM_uint32 gss_release_name(OM_uint32 *minor, void **name)
{
    (void)name;
    if (minor != NULL) *minor = 0;
    return 0;
}

OM_uint32 gss_release_oid_set(OM_uint32 *minor, void **set)
{
    (void)set;
    if (minor != NULL) *minor = 0;
    return 0;
}
