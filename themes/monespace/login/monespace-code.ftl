<#--
  Screens 2.3 "Veuillez saisir le code reçu" and 3.3 "Vous devez saisir le code reçu".
  Attributes: journey, codeChannel (sms | email), codeDestination (masked); field error on code.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign recovery = (journey!"creation") == "recovery">
<@layout.registrationLayout displayInfo=true; section>
  <#if section = "header">
    <@me.richText key=recovery?then("monespaceCodeTitleRecovery", "monespaceCodeTitleCreation")/>
  <#elseif section = "form">
    <@me.form action=url.loginAction id="me-code-form">
      <@me.textField name="code" labelKey="monespaceCodeLabel" required=true autofocus=true
          hintKey=(codeChannel == "sms")?then("monespaceCodeHintSms", "monespaceCodeHintEmail") hintArgs=[codeDestination]
          inputmode="numeric" autocomplete="one-time-code" maxlength="6" spellcheck="false"/>
      <@me.actions>
        <@me.primaryButton labelKey="monespaceDoValidate" name="action" value="verify"/>
        <@me.secondaryButton labelKey="monespaceResendCode" value="resend"/>
        <@me.secondaryButton labelKey="monespaceBack" value="back" style="link"/>
      </@me.actions>
    </@me.form>
  <#elseif section = "info">
    <@me.linkRow links=[{"url": me.configUrl("monespaceSupportUrl"), "key": "monespaceSupport"}]/>
  </#if>
</@layout.registrationLayout>
