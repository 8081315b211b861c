<#--
  Putting a support agent's account in service (required action monespace-agent-setup): a new
  password, then a TOTP app enrolled by QR code or key and proven by one code.
  Attributes: agentUsername, totpKey (grouped by 4), totpQrCode (PNG, base64), totpDigits,
  totpPeriod; field errors on password-new, password-confirm, totp.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<@layout.registrationLayout displayRequiredFields=true; section>
    <#if section = "header">
        ${msg("monespaceAgentSetupTitle")}
    <#elseif section = "form">
        <@me.text key="monespaceAgentSetupText" args=[agentUsername]/>
        <@me.form action=url.loginAction id="me-agent-setup-form">
            <@me.subtitle key="monespaceAgentSetupPasswordHeading"/>
            <@me.newPasswordField name="password-new" labelKey="monespaceNewPassword" requiredMark=true
                strengthUsername=agentUsername/>
            <@me.passwordField name="password-confirm" labelKey="monespaceConfirmNewPassword" requiredMark=true
                autocomplete="new-password"/>
            <@me.subtitle key="monespaceAgentSetupAppHeading"/>
            <@me.text key="monespaceAgentSetupAppText"/>
            <p class="me-qr"><img id="me-agent-totp-qr" src="data:image/png;base64,${totpQrCode}"
                alt="${msg("monespaceAgentSetupQrAlt")}" width="246" height="246"></p>
            <p class="me-text" id="me-agent-totp-key-label">${msg("monespaceAgentSetupKey")}</p>
            <p class="me-key" id="me-agent-totp-key" aria-labelledby="me-agent-totp-key-label"><code>${totpKey}</code></p>
            <@me.text key="monespaceAgentSetupKeyDetails" args=[totpDigits?c, totpPeriod?c]/>
            <@me.textField name="totp" labelKey="monespaceAgentOtpLabel" requiredMark=true required=true
                inputmode="numeric" autocomplete="one-time-code" maxlength="8" spellcheck="false"/>
            <@me.actions>
                <@me.primaryButton labelKey="monespaceAgentSetupDo" id="me-agent-setup"/>
            </@me.actions>
        </@me.form>
    </#if>
</@layout.registrationLayout>
