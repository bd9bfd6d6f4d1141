/**
 * keepalived's genhash: the MD5 of a url's body, fetched through HTTP_GET's own code path.
 */
package io.jkeepalived.tools.genhash;
