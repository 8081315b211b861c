<#--
  Screens 2.1 "Créer votre espace" and 3.1 "Récupérer votre espace" (journey = creation | recovery).
  Attributes from the journey authenticator: journey, values (birthDate, rpps, cgu), optional
  blocking {kind, messageKey, args, linkKey?, linkTarget?}; field errors on birthDate, rpps, cgu.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign recovery = (journey!"creation") == "recovery">
<#assign blockingLinks = []>
<#if (blocking.linkKey)??>
  <#assign linkTargets = {"reset": url.loginResetCredentialsUrl, "creation": (url.registrationUrl)!"", "support": me.configUrl("monespaceSupportUrl")}>
  <#assign blockingLinks = [{"url": linkTargets[blocking.linkTarget]!"", "key": blocking.linkKey}]>
</#if>
<@layout.registrationLayout displayRequiredFields=true pageError=((blocking.kind)!"") == "error" displayInfo=true; section>
  <#if section = "header">
    ${msg(recovery?then("monespaceRecoveryTitle", "monespaceCreationTitle"))}
  <#elseif section = "form">
    <#if blocking??>
      <@me.messageBox type=blocking.kind key=blocking.messageKey args=(blocking.args)![] links=blockingLinks id="me-blocking"/>
    </#if>
    <@me.form action=url.loginAction id="me-identity-form">
      <@me.textField name="birthDate" labelKey="monespaceBirthDate" requiredMark=true required=true
          hintKey=recovery?then("monespaceBirthDateHintRecovery", "monespaceBirthDateHint")
          value=(values.birthDate)!"" autocomplete="bday" inputmode="numeric" maxlength="10"
          describedBy=blocking???then("me-blocking", "")/>
      <@me.textField name="rpps" labelKey="monespaceRpps" required=true value=(values.rpps)!""
          inputmode="numeric" maxlength="14" autocomplete="off" spellcheck="false"
          helpUrl=me.configUrl("monespaceRppsHelpUrl") helpKey="monespaceRppsHelp"/>
      <@me.checkbox name="cgu" required=true checked=((values.cgu)!"") == "on" labelKey="monespaceAcceptTerms"
          labelLinks=[{"url": me.configUrl("monespaceCguUrl"), "key": "monespaceTermsLink"},
                      {"url": me.configUrl("monespacePrivacyUrl"), "key": "monespacePrivacyLink"}]/>
      <@me.actions>
        <@me.primaryButton labelKey="monespaceDoValidate"/>
      </@me.actions>
    </@me.form>
  <#elseif section = "info">
    <@me.linkRow links=[{"url": url.loginUrl, "key": "monespaceDoLogIn"},
                        {"url": url.loginResetCredentialsUrl, "key": "monespaceForgotCredentials"}]/>
  </#if>
</@layout.registrationLayout>
