package io.hashfence.collector.site;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The names a client certificate vouches for: its subject's common name and its DNS subject alternative names. */
public final class CertificateIdentity {
    private static final int SAN_DNS_NAME = 2;

    private CertificateIdentity() {}

    public static Set<String> names(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            // an unparsable subject vouches for nothing; the SANs may still name the site
        }
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> san : certificate.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(SAN_DNS_NAME).equals(san.get(0))) {
                        names.add(san.get(1).toString());
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // as above: no usable SANs
        }
        return names;
    }
}
