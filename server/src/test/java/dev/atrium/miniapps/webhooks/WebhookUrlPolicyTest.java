package dev.atrium.miniapps.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlPolicyTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://[::1]/hook",
        "https://0.0.0.0/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.1/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://100.100.100.200/hook",
        "https://100.64.0.1/hook",
        "https://224.0.0.1/hook",
        "https://255.255.255.255/hook",
        "https://[fd00:ec2::254]/hook",
        "https://[fe80::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://[64:ff9b::a00:1]/hook",
        "https://[2002:a00:1::]/hook",
        "https://[ff02::1]/hook"
      })
  void localAndPrivateAddresses_areRefused(String url) {
    assertThat(WebhookUrlPolicy.refusal(url, false)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://93.184.215.14/hook",
        "ftp://93.184.215.14/hook",
        "https://user:pw@93.184.215.14/hook",
        "https://93.184.215.14/hook#fragment",
        "/relative",
        "",
        "https://no-such-host.invalid/hook"
      })
  void malformedOrUnresolvableUrls_areRefused(String url) {
    assertThat(WebhookUrlPolicy.refusal(url, false)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://93.184.215.14/hook", "https://[2606:2800:21f:cb07::1]/h"})
  void publicAddresses_areAccepted(String url) {
    assertThat(WebhookUrlPolicy.refusal(url, false)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/hook", "https://10.1.2.3/hook"})
  void privateNetworks_areAcceptedWhenTheOperatorAllowsThem(String url) {
    assertThat(WebhookUrlPolicy.refusal(url, true)).isNull();
  }
}
