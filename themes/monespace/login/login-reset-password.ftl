<#--
  SPEC §4.1 "Réinitialiser votre mot de passe" (Keycloak's reset-credentials
  flow, first step). The same neutral confirmation follows whether or not the
  address belongs to an account (monespace-reset-sent.ftl, ResetRequestForm.SENT_TEMPLATE).
  "Je ne connais plus mon adresse email" switches the same flow to the recovery
  journey (§3.1): the reset URL with monespace_journey=recovery.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign resetUrl = url.loginResetCredentialsUrl>
<#assign recoveryUrl = resetUrl + resetUrl?contains("?")?then("&", "?") + "monespace_journey=recovery">
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username'); section>
    <#if section = "header">
        ${msg("monespaceResetTitle")}
    <#elseif section = "form">
        <@me.text key="monespaceResetText"/>
        <@me.form action=url.loginAction id="kc-reset-password-form">
            <@me.textField name="username" labelKey="monespaceEmail" type="email" value=(auth.attemptedUsername)!''
                required=true autocomplete="username" spellcheck="false" autocapitalize="none"/>
            <@me.linkRow inline=true links=[{"url": recoveryUrl, "key": "monespaceForgotEmail", "id": "me-recovery-link"}]/>
            <@me.actions>
                <@me.primaryButton labelKey="monespaceDoValidate"/>
            </@me.actions>
        </@me.form>
        <@me.linkRow links=[{"url": url.loginUrl, "key": "monespaceBackToLogin", "id": "me-back-to-login"}]/>
    </#if>
</@layout.registrationLayout>
